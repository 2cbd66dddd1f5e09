# dna_sequencer tools (spec 4.2). Loader globals: DATA (dna_sequencer.tables.json), FIXED.

_to_mrna = str.maketrans(DATA["transcription_map_dna_to_mrna"])
_to_dna = str.maketrans(DATA["reverse_transcription_map_mrna_to_dna"])
_codons = DATA["codon_map"]
_unknown = DATA["unknown_codon_symbol"]
_separator = DATA["amino_acid_separator"]
_valid = set(DATA["valid_dna_alphabet"])


def count_nucleotides(dna_sequence):
    counts = {}
    for item in dna_sequence:
        counts[item] = counts.get(item, 0) + 1
    return counts


def transcribe_dna_to_mrna(dna_sequence):
    return dna_sequence.translate(_to_mrna)


def translate_mrna_to_amino_acid(mrna_sequence):
    chunks = (mrna_sequence[start : start + 3] for start in range(0, len(mrna_sequence), 3))
    return _separator.join(_codons.get(chunk, _unknown) for chunk in chunks)


def find_max_nucleotide(*args):
    counts = dict(zip(args[::2], args[1::2]))
    best = max(counts, key=counts.get)
    return (best, counts[best])


def is_valid_dna_sequence(dna_sequence):
    return set(dna_sequence) <= _valid


def reverse_transcribe_mrna_to_dna(mrna_sequence):
    return mrna_sequence.translate(_to_dna)


TOOLS = {
    "count_nucleotides": count_nucleotides,
    "transcribe_dna_to_mrna": transcribe_dna_to_mrna,
    "translate_mrna_to_amino_acid": translate_mrna_to_amino_acid,
    "find_max_nucleotide": find_max_nucleotide,
    "is_valid_dna_sequence": is_valid_dna_sequence,
    "reverse_transcribe_mrna_to_dna": reverse_transcribe_mrna_to_dna,
}
