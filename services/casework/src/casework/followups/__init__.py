"""What reporters add to a case after opening it: incidents and files, and survey answers."""
