"""The demo data set: Bắc Kạn town, 2009–2013, generated deterministically and run through the services."""
