import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(() => cleanup())

// The composer keeps an unsaved new post in localStorage: each test starts with none.
afterEach(() => localStorage.clear())
