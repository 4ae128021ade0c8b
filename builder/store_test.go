package builder

import "maps"

// snapshot copies the output, for tests.
func (s *store) snapshot() map[string][]byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return maps.Clone(s.files)
}
