"""ssrtui: an offline terminal reference on Security Sector Reform in Mali."""

__version__ = "0.1.0"
