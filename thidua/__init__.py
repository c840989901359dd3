"""thidua: the Fatherland Front's residential-area campaign, emulation and commendation."""
