/* Passed with -include: processed before the file. */
#define FROM_PREINCLUDE 1
