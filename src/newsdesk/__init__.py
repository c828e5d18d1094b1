"""newsdesk: news articles into stories a reader can trust."""
