#include "include_recursion.S"
