"""newsdesk.report"""
