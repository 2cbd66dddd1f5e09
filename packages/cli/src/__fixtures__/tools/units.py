def celsius(fahrenheit: float) -> float:
    """Converts a temperature from Fahrenheit to Celsius."""
    return (fahrenheit - 32) * 5 / 9


def _private_helper():
    return None
