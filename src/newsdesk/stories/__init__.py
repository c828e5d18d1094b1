"""newsdesk.stories"""
