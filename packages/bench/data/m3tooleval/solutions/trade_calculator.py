# Reference solutions (our own) for trade_calculator: one code action per task, printing only the answer.
# %% (shared)
def final_value(amount, rate, tariff_pct):
    local = convert_currency(amount, rate)
    return estimate_final_value(local, calculate_tariff(local, tariff_pct))
# %% trade_calculator/estimate_final_value
# "A tariff of 7.5 units" is read as a 7.5 % rate, as the ground truth does.
print(estimate_final_value(150, calculate_tariff(150, 7.5)))
# %% trade_calculator/interstellar_trade_transaction
print(final_value(100 * 50, 1.5, 8))
# %% trade_calculator/taxed_commodity_export
print(final_value(200 * 120, 2.0, 5))
# %% trade_calculator/best_trade_route_selection
# No unit price is given: the 500 units are the amount converted.
print(find_minimum(final_value(500, 1.3, 7), final_value(500, 1.4, 9), final_value(500, 1.2, 4)))
# %% trade_calculator/most_profitable_conversion_rate
print(find_maximum(*[final_value(1000 * 300, rate, 10) for rate in [2.5, 2.3, 2.7]]))
# %% trade_calculator/bulk_trade_quantity_discount
units = 2500
print(final_value(units * 1500 * (0.95 if units >= 2000 else 1), 1.8, 12))
# %% trade_calculator/comparative_profit_analysis
print(find_maximum(final_value(100 * 300, 1.6, 6), final_value(80 * 500, 1.8, 5)))
# %% trade_calculator/fluctuating_conversion_rates_impact
print([final_value(200 * q, rate, 7) for q, rate in zip([100, 150, 200], [1.7, 1.5, 1.6])])
# %% trade_calculator/optimal_trade_route_multiple_commodities
print(find_maximum(final_value(150 * 200, 1.7, 8), final_value(250 * 300, 1.5, 5), final_value(100 * 400, 2.0, 10)))
# %% trade_calculator/seasonal_price_fluctuation_impact
print([final_value(price * 200, 1.8, 7) for price in [200, 250, 180]])
# %% trade_calculator/balancing_multiple_trade_offers
print(final_value(300 * 250, 1.6, 6) - final_value(150 * 220, 1.5, 4))
# %% trade_calculator/dynamic_pricing_strategy
print([final_value(120 * 300 * 1.10, 1.8, 6), final_value(100 * 300, 1.8, 6), final_value(80 * 300 * 0.95, 1.8, 6)])
# %% trade_calculator/quantity_tariff_tradeoff
print(find_maximum(final_value(200 * 400, 1.7, 10), final_value(150 * 400, 1.7, 5)))
# %% trade_calculator/optimizing_bulk_purchase_discounts
values = []
for price in [150, 180]:
    for quantity in [950, 1050]:
        values.append(final_value(quantity * price * (0.95 if quantity >= 1000 else 1), 1.6, 7))
print(find_maximum(*values))
# %% trade_calculator/currency_fluctuation_hedging
print(find_minimum(*[final_value(500 * 250, rate, 8) for rate in [1.5, 1.65, 1.8]]))
# %% trade_calculator/variable_tariff_profit_maximization
print(find_maximum(*[final_value(units * 300, 1.7, pct) for units, pct in [(400, 6), (350, 4), (450, 7)]]))
# %% trade_calculator/long_term_vs_short_term_trade_decisions
print([final_value(600 * 200, 1.8, 5), final_value(600 * 200 * 1.10, 1.6, 7)])
