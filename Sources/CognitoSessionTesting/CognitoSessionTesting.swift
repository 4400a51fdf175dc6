// Test doubles for code that uses CognitoSession: a scripted transport and, in time, an
// in-process user pool. Importing this module also imports CognitoSession.
@_exported import CognitoSession
