import A64
