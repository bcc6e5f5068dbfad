"""Who takes part: named entities, their types, aliases, descriptions, pronouns and the
relations the text states between them."""
