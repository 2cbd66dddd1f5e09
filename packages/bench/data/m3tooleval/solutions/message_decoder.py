# Reference solutions (our own) for message_decoder: one code action per task, printing only the answer.
# %% message_decoder/full_alien_message_decoding
print(caesar_decode(reverse_string(convert_hex_to_ascii('7a686b7a686d666d686b')), 5))
# %% message_decoder/shortest_caesar_decoded_message
lengths = [
    string_length(caesar_decode(reverse_string(convert_hex_to_ascii(h)), 4))
    for h in ['636261', '686766', '6365646362', '6867666865']
]
print(minimum_value(*lengths))
# %% message_decoder/longest_decoded_string
# The ground truth is the length (3); all three messages decode to 3 characters.
lengths = [
    string_length(caesar_decode(reverse_string(convert_hex_to_ascii(h)), shift))
    for h, shift in zip(['4a656d', '4b6867', '4c696f'], [2, 3, 5])
]
print(maximum_value(*lengths))
# %% message_decoder/specific_decoded_character
print(caesar_decode(reverse_string(convert_hex_to_ascii('576562546563686e6f6c6f6779')), 7))
# %% message_decoder/hex_caesar_combined_decoding
print(caesar_decode(convert_hex_to_ascii('4d4f5252'), 2))
# %% message_decoder/multi_step_decoding_challenge
print(caesar_decode(reverse_string(convert_hex_to_ascii('726f77746e6153794d')), 3))
# %% message_decoder/length_based_decoding_puzzle
decoded = [caesar_decode(convert_hex_to_ascii(h), 6) for h in ['646566', '6a6b6c6d', '68696a6b6c']]
print([d for d in decoded if string_length(d) == 5][0])
# %% message_decoder/maximum_value_decoding
values = [int(reverse_string(caesar_decode(convert_hex_to_ascii(h), 4))) for h in ['313233', '343536', '373839']]
print(maximum_value(*values))
