import Interop
