-- wrk script: POST one Cognito JSON 1.1 request, again and again.
-- TARGET (operation name) and BODY_FILE (the JSON body) come from the environment.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. os.getenv("TARGET")
