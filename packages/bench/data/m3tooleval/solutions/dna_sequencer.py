# Reference solutions (our own) for dna_sequencer: one code action per task, printing only the answer.
# %% cryptobotanists_plant_dna_sequencer/find_most_common_nucleotide_and_transcribe
counts = count_nucleotides('AGCTAGCCGATGCA')
pairs = [item for entry in counts.items() for item in entry]
base, _ = find_max_nucleotide(*pairs)
print(transcribe_dna_to_mrna(base * 3))
# %% cryptobotanists_plant_dna_sequencer/validate_transcribe_translate
sequence = 'AGCTTX'
if is_valid_dna_sequence(sequence):
    print(translate_mrna_to_amino_acid(transcribe_dna_to_mrna(sequence)))
else:
    print('Invalid DNA sequence')
# %% cryptobotanists_plant_dna_sequencer/reverse_transcribe_count_max_nucleotide
counts = count_nucleotides(reverse_transcribe_mrna_to_dna('AUGCUUUUC'))
print(find_max_nucleotide(*[item for entry in counts.items() for item in entry])[0])
# %% cryptobotanists_plant_dna_sequencer/transcribe_translate_amino_acid_length
chain = translate_mrna_to_amino_acid(transcribe_dna_to_mrna('AGCTAGCGTA'))
print(len(chain.split('-')))
# %% cryptobotanists_plant_dna_sequencer/reverse_transcribe_palindrome_check
print(count_nucleotides(reverse_transcribe_mrna_to_dna('AUGCGU')))
# %% cryptobotanists_plant_dna_sequencer/validate_find_longest_valid_sequence
valid = [s for s in ['AGCTAG', 'XYZABC', 'GTCAGT'] if is_valid_dna_sequence(s)]
print(max(valid, key=len))
# %% cryptobotanists_plant_dna_sequencer/transcribe_translate_find_amino_acid
print('Methionine' in translate_mrna_to_amino_acid(transcribe_dna_to_mrna('AGCTAGCGTA')))
# %% cryptobotanists_plant_dna_sequencer/find_most_common_nucleotide_combined_sequence
counts = count_nucleotides(''.join(['AGCT', 'CCGA', 'TTAG']))
print(find_max_nucleotide(*[item for entry in counts.items() for item in entry]))
