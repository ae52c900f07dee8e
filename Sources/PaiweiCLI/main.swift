print("paiwei: under construction")
