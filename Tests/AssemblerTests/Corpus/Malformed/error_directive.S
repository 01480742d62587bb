#define VERSION 2
#if VERSION > 1
#error unsupported version
#endif
