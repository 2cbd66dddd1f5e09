# Reference solutions (our own) for web_browsing: one code action per task, printing only the answer.
# The shared part reads the site through the tools: it follows every [Clickable '...'] link, scrolls
# each page to the bottom, and tries the '-'/'_' spelling of a link that is not found (two advertised
# links are broken; `click_url` opens any existing page).
# %% (shared)
import re

def read_page(url):
    opened = click_url(url)
    if opened == '[URL not found.]':
        return None
    lines = []
    window = opened.split('\n', 1)[1]
    while not window.startswith('[Reached the bottom'):
        lines.extend(window.split('\n')[4:-1])
        window = scroll_down()
    return lines

def open_any(url):
    head, _, tail = url.rpartition('/')
    for candidate in (url, head + '/' + tail.replace('_', '-'), head + '/' + tail.replace('-', '_')):
        lines = read_page(candidate)
        if lines is not None:
            return lines
    return None

def crawl():
    pages, queue = {}, ['/']
    while queue:
        url = queue.pop(0)
        if url in pages:
            continue
        pages[url] = open_any(url) or []
        for line in pages[url]:
            queue.extend(re.findall(r"\[Clickable '([^']+)'\]", line))
    return pages

def price_of(pages, item):
    for lines in pages.values():
        if lines and lines[0] == 'Item: ' + item:
            return float(re.findall(r'Price: \$([0-9.]+)', '\n'.join(lines))[-1])
    raise KeyError(item)

def person(pages, name):
    for lines in pages.values():
        if lines and re.match(re.escape(name) + r' of .+ Department$', lines[0]):
            fields = dict(line.split(': ', 1) for line in lines[1:] if ': ' in line)
            fields['Department'] = lines[0][len(name) + 4 : -len(' Department')]
            return fields
    raise KeyError(name)

def members(pages, department):
    for lines in pages.values():
        if lines and lines[0] == department + ' Team:':
            return [line for line in lines[1:] if '[Clickable' in line]
    raise KeyError(department)

def owner_of(pages, phone):
    for lines in pages.values():
        if lines and 'Phone: ' + phone in lines:
            return lines[0].split(' of ')[0]
    raise KeyError(phone)

pages = crawl()
# %% web_browsing/price_of_legendary_wand
print(price_of(pages, 'Legendary Wand'))
# %% web_browsing/price_of_legendary_potion
print(price_of(pages, 'Legendary Potion'))
# %% web_browsing/price_of_legendary_spellbook
print(price_of(pages, 'Legendary Spellbook'))
# %% web_browsing/price_of_legendary_crystal_ball
print(price_of(pages, 'Legendary Crystal Ball'))
# %% web_browsing/email_of_allison_hill
print(person(pages, 'Allison Hill')['Email'])
# %% web_browsing/email_of_meredith_barnes
print(person(pages, 'Meredith Barnes')['Email'])
# %% web_browsing/email_of_kimberly_dudley
print(person(pages, 'Kimberly Dudley')['Email'])
# %% web_browsing/email_of_henry_santiago
print(person(pages, 'Henry Santiago')['Email'])
# %% web_browsing/department_of_allison_hill
print(person(pages, 'Allison Hill')['Department'])
# %% web_browsing/department_of_meredith_barnes
print(person(pages, 'Meredith Barnes')['Department'])
# %% web_browsing/department_of_kimberly_dudley
print(person(pages, 'Kimberly Dudley')['Department'])
# %% web_browsing/department_of_henry_santiago
print(person(pages, 'Henry Santiago')['Department'])
# %% web_browsing/phone_number_of_allison_hill
print(person(pages, 'Allison Hill')['Phone'])
# %% web_browsing/phone_number_of_meredith_barnes
print(person(pages, 'Meredith Barnes')['Phone'])
# %% web_browsing/phone_number_of_kimberly_dudley
print(person(pages, 'Kimberly Dudley')['Phone'])
# %% web_browsing/phone_number_of_henry_santiago
print(person(pages, 'Henry Santiago')['Phone'])
# %% web_browsing/expertise_of_allison_hill
print(person(pages, 'Allison Hill')['Expertise'])
# %% web_browsing/expertise_of_meredith_barnes
print(person(pages, 'Meredith Barnes')['Expertise'])
# %% web_browsing/expertise_of_kimberly_dudley
print(person(pages, 'Kimberly Dudley')['Expertise'])
# %% web_browsing/expertise_of_henry_santiago
print(person(pages, 'Henry Santiago')['Expertise'])
# %% web_browsing/total_price_of_selected_items_0
print(calculator(' + '.join(repr(price_of(pages, item)) for item in ['Legendary Wand', 'Enchanted Potion', 'Magical Spellbook'])))
# %% web_browsing/total_price_of_selected_items_1
print(calculator(' + '.join(repr(price_of(pages, item)) for item in ['Mystical Crystal Ball', 'Rare Crystal Ball', 'Magical Spellbook'])))
# %% web_browsing/total_price_of_selected_items_2
print(calculator(' + '.join(repr(price_of(pages, item)) for item in ['Ancient Wand', 'Mystical Wand', 'Enchanted Potion'])))
# %% web_browsing/total_price_of_selected_items_3
items = ['Mystical Crystal Ball', 'Rare Crystal Ball', 'Magical Spellbook', 'Mystical Potion']
print(calculator(' + '.join(repr(price_of(pages, item)) for item in items)))
# %% web_browsing/total_price_of_selected_items_after_discount_0
total = sum(price_of(pages, item) for item in ['Legendary Wand', 'Enchanted Potion', 'Magical Spellbook'])
print(calculator(f'{total!r} * 0.9'))
# %% web_browsing/total_price_of_selected_items_after_discount_1
total = sum(price_of(pages, item) for item in ['Mystical Crystal Ball', 'Magical Spellbook'])
print(calculator(f'{total!r} * 0.9'))
# %% web_browsing/total_price_of_selected_items_after_discount_2
total = sum(price_of(pages, item) for item in ['Ancient Wand', 'Enchanted Potion'])
print(calculator(f'{total!r} * 0.9'))
# %% web_browsing/total_price_of_selected_items_after_discount_3
total = sum(price_of(pages, item) for item in ['Ancient Crystal Ball', 'Rare Wand'])
print(calculator(f'{total!r} * 0.9'))
# %% web_browsing/people_in_sales
print(len(members(pages, 'Sales')))
# %% web_browsing/people_in_customer_support
print(len(members(pages, 'Customer Support')))
# %% web_browsing/match_phone_number_to_person_thomas_ramos
print(owner_of(pages, '432-867-7360'))
# %% web_browsing/match_phone_number_to_person_james_house
print(owner_of(pages, '+1-972-434-3098x05009'))
# %% web_browsing/match_phone_number_to_person_jordan_york
print(owner_of(pages, '(719)639-9091x6998'))
# %% web_browsing/match_phone_number_to_person_mike_allen
print(owner_of(pages, '310-579-9118x38425'))
