"""newsdesk.reuse"""
