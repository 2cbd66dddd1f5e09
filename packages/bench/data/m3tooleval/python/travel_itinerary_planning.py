# travel_itinerary_planning tools (spec 4.4). Loader globals: DATA (the tables), FIXED.
import builtins

_places = DATA["LOC"]
_supported = set(DATA["SUPPORTED_LOC"])
_flights = DATA["flights"]
_hotels = DATA["hotels"]


def _check(place, message):
    if place not in _supported:
        raise ValueError(message.format(place=place, places=_places))
    return place


def find_flights(from_location, to_location, date):
    origin = from_location.strip('"')
    destination = to_location.strip('"')
    _check(origin, "Origin [{place}] is not supported. Supported from_locations: {places}")
    _check(destination, "Destination [{place}] is not supported. Supported to_locations: {places}")
    return [
        flight
        for flight in _flights
        if flight["to_location"].strip('"') == destination
        and flight["date"] == date
        and flight["from_location"].strip('"') == origin
    ]


def book_hotel(location, *preferences):
    place = _check(location.strip('"'), "Location [{place}] is not supported. Supported locations: {places}")
    return [
        hotel
        for hotel in _hotels
        if hotel["location"].strip('"') == place and all(wish in hotel["preferences"] for wish in preferences)
    ]


def budget_calculator(flight_price, hotel_price_per_night, num_nights):
    return flight_price + hotel_price_per_night * num_nights


def _sum(*args):
    # Faithful: only positional numbers, so sum([1, 2]) fails. Fixed: one iterable also works.
    if FIXED and len(args) == 1 and not isinstance(args[0], (int, float, complex)):
        return builtins.sum(args[0])
    return builtins.sum(args)


_sum.__name__ = _sum.__qualname__ = "sum"

TOOLS = {
    "find_flights": find_flights,
    "book_hotel": book_hotel,
    "budget_calculator": budget_calculator,
    "max": builtins.max,
    "min": builtins.min,
    "sum": _sum,
}
