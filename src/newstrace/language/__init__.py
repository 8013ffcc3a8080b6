"""Language stage: place, actor and time mentions found in article text and resolved."""
