# message_decoder tools (spec 4.1). Loader globals: DATA, FIXED.


def convert_hex_to_ascii(hex_string):
    return bytes.fromhex(str(hex_string)).decode("utf-8")


def reverse_string(string):
    return string[::-1]


def _shift_back(char, shift):
    if char.isupper():
        return chr((ord(char) - shift - 65) % 26 + 65)
    if char.islower():
        return chr((ord(char) - shift - 97) % 26 + 97)
    return char


def caesar_decode(message, shift):
    shift = int(shift)
    return "".join(_shift_back(char, shift) for char in message)


def string_length(string):
    return len(string)


def minimum_value(*args):
    return min(args)


def maximum_value(*args):
    return max(args)


TOOLS = {
    "convert_hex_to_ascii": convert_hex_to_ascii,
    "reverse_string": reverse_string,
    "caesar_decode": caesar_decode,
    "string_length": string_length,
    "minimum_value": minimum_value,
    "maximum_value": maximum_value,
}
