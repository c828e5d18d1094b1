"""newsdesk.brief"""
