"""Import IATI activity files (https://iatistandard.org) as a data folder of ssrtui records."""
