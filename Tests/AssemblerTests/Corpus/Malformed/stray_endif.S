        nop
#endif
