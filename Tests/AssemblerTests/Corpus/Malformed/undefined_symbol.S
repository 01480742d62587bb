        b nowhere
