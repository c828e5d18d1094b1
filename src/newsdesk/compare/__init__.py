"""newsdesk.compare"""
