//! A fixed-capacity list on the stack, for the few groups and digits a
//! validator collects per candidate: a heap allocation per digit run cost
//! more than the validation itself (and more still inside a Wasm VM).

#[derive(Clone, Copy)]
pub(crate) struct Small<T: Copy + Default, const N: usize> {
    buf: [T; N],
    len: usize,
}

impl<T: Copy + Default, const N: usize> Small<T, N> {
    pub fn new() -> Self {
        Small { buf: [T::default(); N], len: 0 }
    }

    /// Appends; false (and nothing kept) when full.
    pub fn push(&mut self, x: T) -> bool {
        match self.buf.get_mut(self.len) {
            Some(slot) => {
                *slot = x;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn as_slice(&self) -> &[T] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::Small;

    #[test]
    fn keeps_what_fits() {
        let mut s: Small<u8, 2> = Small::new();
        assert!(s.push(1) && s.push(2) && !s.push(3));
        assert_eq!(s.as_slice(), &[1, 2]);
        s.clear();
        assert_eq!(s.len(), 0);
    }
}
