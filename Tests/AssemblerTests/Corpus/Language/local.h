#ifndef LOCAL_H
#define LOCAL_H
#define ADD_TWICE(r)    add r, r, r; add r, r, r
#endif
