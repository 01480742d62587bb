#define LOCAL_CODE 42
