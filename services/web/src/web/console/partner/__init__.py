"""The console for a partner agency's staff: what the partner API shows their agency."""
