"""Icons and desktop integration files, shipped inside the package as rnnstudio.resources."""
