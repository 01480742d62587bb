        tlbi everything
