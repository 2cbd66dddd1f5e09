# Reference solutions (our own) for travel_itinerary_planning: one code action per task, printing only
# the answer. Note that `sum` here is the task's tool: it takes positional numbers only.
# %% (shared)
def cheapest_flight(origin, destination, date):
    return min(find_flights(origin, destination, date), key=lambda flight: flight['price'])['price']

def hotel_price(place, *preferences, pick='cheapest'):
    hotels = book_hotel(place, *preferences)
    if pick == 'first':
        return hotels[0]['price_per_night']
    if pick == 'best':
        return max(hotels, key=lambda hotel: hotel['rating'])['price_per_night']
    return min(hotels, key=lambda hotel: hotel['price_per_night'])['price_per_night']

def leg(origin, destination, date, nights, *preferences, pick='cheapest'):
    return budget_calculator(cheapest_flight(origin, destination, date), hotel_price(destination, *preferences, pick=pick), nights)
# %% travel_itinerary_planning/plan_trip_to_0
# The ground truth takes the first wifi+pool hotel listed, not the cheapest one.
print(leg('E', 'A', '2023-12-25', 5, 'wifi', 'pool', pick='first'))
# %% travel_itinerary_planning/cheapest_new_york_trip
print(min(budget_calculator(f['price'], h['price_per_night'], 3) for f in find_flights('E', 'B', '2023-11-10') for h in book_hotel('B')))
# %% travel_itinerary_planning/luxury_tokyo_trip
print(leg('E', 'C', '2023-10-05', 7, pick='best'))
# %% travel_itinerary_planning/budget_trip_to_paris
print(leg('E', 'A', '2023-12-25', 4))
# %% travel_itinerary_planning/new_york_trip_with_specific_preferences
no_pool = [h for h in book_hotel('B', 'gym') if 'pool' not in h['preferences']]
print(budget_calculator(cheapest_flight('E', 'B', '2023-11-10'), min(h['price_per_night'] for h in no_pool), 3))
# %% travel_itinerary_planning/london_business_trip
print(min(budget_calculator(f['price'], h['price_per_night'], 4) for f in find_flights('E', 'D', '2023-08-15') for h in book_hotel('D', 'wifi')))
# %% travel_itinerary_planning/last_minute_tokyo_trip
print(leg('E', 'C', '2023-12-01', 3))
# %% travel_itinerary_planning/new_york_holiday_season
print(leg('E', 'B', '2023-12-15', 7, 'gym', 'pool'))
# %% travel_itinerary_planning/multi_city_business_trip
print(sum(leg('E', 'B', '2023-11-10', 2, 'wifi'), leg('B', 'C', '2023-11-13', 3, 'wifi')))
# %% travel_itinerary_planning/leisure_multi_city_trip
print(sum(leg('E', 'A', '2023-12-25', 3), leg('A', 'D', '2023-12-28', 2)))
# %% travel_itinerary_planning/three_city_european_tour
print(sum(leg('E', 'A', '2023-12-25', 3, 'wifi'), leg('A', 'D', '2023-12-29', 4, 'wifi'), leg('D', 'C', '2024-01-02', 3, 'wifi')))
# %% travel_itinerary_planning/adventure_trip
print(sum(leg('E', 'C', '2023-12-01', 2, 'pool'), leg('C', 'B', '2023-12-03', 3), leg('B', 'D', '2023-12-06', 2, 'gym')))
# %% travel_itinerary_planning/cultural_exploration_tour
print(sum(leg('E', 'A', '2023-12-25', 4, 'wifi'), leg('A', 'B', '2023-12-29', 2, 'wifi'), leg('B', 'D', '2024-01-01', 3, 'wifi', pick='best')))
# %% travel_itinerary_planning/leisure_and_business_combo
print(sum(leg('E', 'D', '2023-08-15', 3, 'wifi', 'gym'), leg('D', 'A', '2023-08-18', 2, 'pool'), leg('A', 'C', '2023-08-20', 2, 'wifi', 'gym')))
# %% travel_itinerary_planning/grand_tour_vacation
legs = [('E', 'C', '2023-12-01', 2), ('C', 'D', '2023-12-03', 3), ('D', 'B', '2023-12-06', 2), ('B', 'E', '2023-12-08', 3)]
print(sum(*[leg(*trip, pick='best') for trip in legs]))
