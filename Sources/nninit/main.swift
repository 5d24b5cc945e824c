print("nninit")
