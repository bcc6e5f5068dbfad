"""Who says so and how surely: reporting verbs, quotations, outlets named in the text and
certainty cues with their scope."""
