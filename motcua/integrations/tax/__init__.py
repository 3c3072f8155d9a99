"""The tax office (sector software): filing a dossier's tax declaration, its status callbacks."""
