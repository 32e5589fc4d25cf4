"""What partner agencies tell a case through the partner gateway: updates and actions,
MASH and MARAC progress, case-conference actions."""
