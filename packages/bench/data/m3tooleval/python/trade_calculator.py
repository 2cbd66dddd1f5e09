# trade_calculator tools (spec 4.3). Loader globals: DATA (unused), FIXED.


def convert_currency(base_price, conversion_rate):
    return base_price * conversion_rate


def calculate_tariff(price, tariff_rate):
    return price * tariff_rate / 100


def estimate_final_value(price, tariff):
    return price + tariff


def calculator(expression):
    # Any failure, even a non-string argument, is reported as text rather than raised.
    try:
        return eval(expression)
    except BaseException:
        return f"Failed to evaluate expression: {expression}"


def find_minimum(*args):
    return min(args)


def find_maximum(*args):
    return max(args)


TOOLS = {
    "convert_currency": convert_currency,
    "calculate_tariff": calculate_tariff,
    "estimate_final_value": estimate_final_value,
    "calculator": calculator,
    "find_minimum": find_minimum,
    "find_maximum": find_maximum,
}
