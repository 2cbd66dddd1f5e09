"""Derives the golden files for mint-golden.test.ts straight from the spec, independently of the
TypeScript code: spec §2.3 (the original code's filter rules 1-6), the stricter self-improvement
rule, §2.4 (dedup key) and §2.5 (conversion to the training format). Run from the repo root:

    python3 packages/data/src/__fixtures__/mint/derive-golden.py

Input: packages/mint/data/reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd/*.results.jsonl.gz
"""
import glob
import gzip
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..', '..', 'mint', 'data', 'reference_outputs',
                    'CodeActAgent-Mistral-7b-v0.1', 'max5_p2+tool+cd')
ROOT = os.environ.get('MINT_OUTPUTS', ROOT)

THOUGHT_OLD = ('At each turn, you should first provide your step-by-step thinking for solving the task. Your thought '
               'process should be enclosed using "<thought>" tag, for example: <thought> I need to print "Hello World!" '
               '</thought>.\n\nAfter that, you have two options:')
THOUGHT_NEW = ('At each turn, you should first provide your step-by-step thinking for solving the task. After that, '
               'you have two options:')


def load():
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, '*.results.jsonl.gz'))):
        source = os.path.basename(path).split('.')[0]
        with gzip.open(path, 'rt', encoding='utf-8') as f:
            for line in f:
                rows.append((source, json.loads(line)))
    return rows


def n_turns(history):
    return len(history) // 2


def rule4(state):
    return not (state['agent_action_count']['invalid_action'] == n_turns(state['history']) - 1)


def rule5(history):
    return len(history[1:-1]) % 2 == 0


def rule6(history):
    middle = history[1:-1]
    pairs = [(middle[i], middle[i + 1]) for i in range(0, len(middle), 2)]
    def bad(pair):
        assistant, env = pair[0]['content'], pair[1]['content']
        return '<solution>' in assistant or ('<execute>' in assistant and 'Error' in env)
    return not all(bad(pair) for pair in pairs)


def self_improvement(state):
    """Stricter than the original: an <execute> turn whose observation has `Error`, a later <execute>
    turn whose observation has none, and final success."""
    if not state['success']:
        return False
    h = state['history'][1:]
    seen_error = False
    for i, message in enumerate(h):
        if message['role'] != 'assistant' or '<solution>' in message['content'] or '<execute>' not in message['content']:
            continue
        following = h[i + 1]['content'] if i + 1 < len(h) and h[i + 1]['role'] == 'user' else None
        if following is None:
            continue
        if 'Error' in following:
            seen_error = True
        elif seen_error:
            return True
    return False


def convert_assistant(text):
    text = text.strip()
    if text.startswith('Assistant:'):
        text = text[len('Assistant:'):]
    text = re.sub(r'<thought>(.*?)</thought>', lambda m: m.group(1).strip(), text, flags=re.S)
    text = text.replace('Assistant:', '').replace('Assistant\uff1a', '')
    return text.strip()


def convert(history):
    first = history[0]['content'].strip()
    parts = first.split('\n---\n\nTask:')
    assert len(parts) == 3, len(parts)
    messages = [
        {'role': 'system', 'content': parts[0].replace(THOUGHT_OLD, THOUGHT_NEW).strip()},
        {'role': 'user', 'content': 'Task:\n' + parts[2].strip()},
    ]
    for message in history[1:]:
        if message['role'] == 'assistant':
            messages.append({'role': 'assistant', 'content': convert_assistant(message['content'])})
        else:
            messages.append({'role': 'user', 'content': message['content'].strip()})
    return messages


def main():
    rows = load()
    stages = [
        ('success', lambda s, st: st['success']),
        ('min-turns(3)', lambda s, st: n_turns(st['history']) > 2),
        ('exclude-sources(strategyqa)', lambda s, st: s != 'strategyqa'),
        ('code-as-actions', lambda s, st: rule4(st)),
        ('even-history', lambda s, st: rule5(st['history'])),
        ('not-all-failed', lambda s, st: rule6(st['history'])),
    ]
    kept = rows
    funnel = []
    for name, keep in stages:
        before = len(kept)
        kept = [(s, d) for s, d in kept if keep(s, d['state'])]
        funnel.append({'stage': name, 'in': before, 'out': len(kept)})
    per_source = {}
    for s, _ in kept:
        per_source[s] = per_source.get(s, 0) + 1
    kept_ids = [f"{s}/{d['task']['task_id']}" for s, d in kept]
    improving = [f"{s}/{d['task']['task_id']}" for s, d in rows if self_improvement(d['state'])]
    golden = {
        'total': len(rows),
        'originalRule': {'funnel': funnel, 'perSource': dict(sorted(per_source.items())), 'kept': kept_ids},
        'selfImprovement': {'count': len(improving), 'kept': improving},
        'successCount': sum(1 for _, d in rows if d['state']['success']),
    }
    with open(os.path.join(HERE, 'golden-filters.json'), 'w') as f:
        json.dump(golden, f, indent=1)
        f.write('\n')

    # One hand-checkable conversion per format: the shortest kept trajectory of hotpotqa and of alfworld.
    examples = {}
    for source in ('hotpotqa', 'alfworld'):
        candidates = [(s, d) for s, d in kept if s == source]
        s, d = min(candidates, key=lambda item: (len(json.dumps(item[1]['state']['history'])), item[1]['task']['task_id']))
        messages = convert(d['state']['history'])
        identifier = f"{s}/{d['task']['task_id']}/CodeActAgent-Mistral-7b-v0.1"
        system = messages[0]['content']
        rest = messages[1:]
        examples[source] = {
            'trajectoryId': f"{s}/{d['task']['task_id']}",
            'codeactinstruct': {'id': identifier, 'conversations': messages},
            'openai': {'messages': messages},
            'sharegpt': {
                'conversations': [{'from': 'human' if m['role'] == 'user' else 'gpt', 'value': m['content']} for m in rest],
                'system': system,
            },
        }
    with open(os.path.join(HERE, 'golden-exports.json'), 'w') as f:
        json.dump(examples, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(json.dumps({k: v for k, v in golden['originalRule'].items() if k != 'kept'}, indent=1))
    print('self-improvement', golden['selfImprovement']['count'], 'success', golden['successCount'])


main()
