"""newsdesk.web"""
