"""The LMS's pages: the handshake (tool), the launch, the course links and the deep-linking picker."""
