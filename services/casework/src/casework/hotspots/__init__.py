"""Where ASB is reported: counts by area per month and category, as JSON and GeoJSON."""
