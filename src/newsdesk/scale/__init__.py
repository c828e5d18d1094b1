"""newsdesk.scale"""
