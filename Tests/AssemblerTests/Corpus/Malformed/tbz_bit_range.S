        tbz w0, #32, .
