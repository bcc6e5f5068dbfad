"""storyline's own temporal tagger: a regex grammar over the text, a calendar normaliser,
and anchoring to the document date, tense and the narrative's last-mentioned date."""
