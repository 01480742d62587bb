print("suspendscope")
