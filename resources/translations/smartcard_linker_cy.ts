<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>AccountPage</name>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the account to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which account do you want to link to {product}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountSummary</name>
    <message>
        <source>Not you? Sign in as someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to {product} as</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlockedPage</name>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BusyPage</name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. Paste it into a web browser&apos;s address bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to {product}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your web browser did not open. Copy this address into a web browser on this computer, sign in there with your {product} email address and password, then come back to this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your web browser has opened the {product} sign-in page. Sign in with your {product} email address and password, and approve any extra check (MFA). Then come back to this window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardKind</name>
    <message>
        <source>Unknown card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox virtual smartcard (test only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS Smartcard (old series, no longer accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS Smartcard (Series 9/10, IDEMIA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS Smartcard (Series 8, Oberthur)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS Care Identity (UUID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{uuid} — valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate to use</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartcard Linker hit an unexpected problem. Nothing has been linked by this step. You can carry on, or close the app and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it happens again, send the log file to your Local Administrator: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Go to Link My NHS Accounts home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your accounts are linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your NHS Smartcard is now linked to your {product} account {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this reference. Quote it if you contact support about this link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to {product} portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For your privacy this screen clears itself in {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorCatalogue</name>
    <message>
        <source>There is a problem with your smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the card out, put it back in and try again. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smartcard service is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s smartcard service is stopped, so no card can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the computer. If that does not help, ask your Local Administrator to start the smartcard service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No smartcard reader found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No smartcard reader is connected to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug in your smartcard reader, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No smartcard in the reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no smartcard in the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put your smartcard in the reader, chip first and facing up, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card in the reader is not an NHS Smartcard this app can use. Series 4, 5 and 6 cards are no longer supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check you inserted your NHS Smartcard. If it is an old card, ask your Registration Authority for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartcard software is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smartcard software (card middleware) this app needs was not found on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your Local Administrator to install the NHS smartcard software, then start this app again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartcard software did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smartcard software (card middleware) is installed but failed to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the computer. If that does not help, ask your Local Administrator to repair the NHS smartcard software.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passcode was not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smartcard did not accept that passcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your passcode and try again. Three wrong passcodes lock the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passcode is not the right length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passcode you typed is shorter or longer than your card allows. No attempt was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passcode again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passcodes were entered, so your smartcard is locked. It cannot be used until it is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock it yourself online (you need an email address or mobile number on your NHS Care Identity profile), or ask your Registration Authority to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stopped before your last try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your card has one passcode try left. You chose not to risk locking it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock or reset your passcode online (you need an email address or mobile number on your NHS Care Identity profile), or ask your Registration Authority. Then start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time ran out to enter your passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passcode was entered on the reader&apos;s keypad in time. No attempt was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry and type your passcode on the reader&apos;s keypad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smartcard was taken out of the reader before the step finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put your smartcard back in the reader, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard is in use by another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program is using the smartcard right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other programs that use the smartcard, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NHS certificate on this card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card does not hold the NHS certificate needed to link it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your Registration Authority to check your smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard certificate has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate on your smartcard is out of date, so the card cannot be linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your Registration Authority to renew the certificate on your card, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to {product} did not complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry to sign in again. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cancelled signing in to {product}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry when you are ready to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in took too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser sign-in to {product} was not finished in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry, then finish signing in in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web browser could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to {product} needs a web browser, and none could be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your Local Administrator to set a default web browser, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the {product} sign-in service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer could not connect to the {product} sign-in service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the computer is connected to the network, then select Retry. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} could not sign you in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {product} sign-in service refused the sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check you used your {product} address and password. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} sign-in has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Sign in again to carry on where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in to {product} was cancelled on the sign-in page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in cannot be remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s protected store is not available, so your {product} sign-in is kept only until you close this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry to sign in. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal did not accept your {product} sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the Acceptable Use Policy first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You need to accept the {product} Acceptable Use Policy before you can link your smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the policy, accept it, then come back. It can take about 2 hours before linking works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account is not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account is not active, so it cannot be linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Local Administrator to make your account active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That took too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The security check for this link ran out of time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry to run the check again. You may need to enter your passcode again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The security check was already used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This security check was used already, so it cannot be used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry to run a new check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard is not recognised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal does not recognise the certificate on this smartcard as an NHS one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check you are using your own NHS Smartcard. If you are, contact your Registration Authority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard certificate has been cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate on this smartcard has been revoked, so the card cannot be linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Registration Authority about your smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your smartcard could not be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal could not confirm the signature made by your smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the card out, put it back in and start again. If this keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your NHS Care Identity was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal cannot find the NHS Care Identity on this smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Registration Authority to check your NHS Care Identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your NHS Care Identity is not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NHS Care Identity on this smartcard is not active, so it cannot be linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Registration Authority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {product} account or this smartcard is already linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the link is wrong, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link request no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal has no record of this link request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal is receiving too many requests right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a minute, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal could not understand a request from this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again. If it keeps happening, your Local Administrator may need to update this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time to confirm this link ran out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again from inserting your smartcard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal is busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Link My NHS Accounts portal cannot take requests right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a few minutes, then select Retry. Nothing is linked twice if you retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal had a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong in the Link My NHS Accounts portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry in a few minutes. If it keeps happening, copy the details and contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer could not connect to the Link My NHS Accounts portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the computer is connected to the network, then select Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the portal could not be checked as secure, so it was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Local Administrator: the network may be intercepting secure connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal is taking too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry. Nothing is linked twice if you retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal gave an answer this app did not expect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry in a few minutes. Nothing is linked twice if you retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portal answered for a different address than the one this app is set up for, so your smartcard was not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact your Local Administrator: this app&apos;s portal setting may be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong in this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app hit a problem it did not expect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Retry. If it happens again, copy the details and contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details for support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. Paste it into your message to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error code: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · Request id: {rid}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or call {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. If that does not solve it, contact the {product} Helpdesk{phone}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Helpdesk website</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsertCardPage</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert your smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put your NHS Smartcard in the card reader, chip first and facing up. This page updates by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reader}: {card} inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reader}: no card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {reader}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Link your NHS Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to your {product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{step} ({status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{page} – Link your NHS Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Smartcard passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your smartcard passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passcode on the card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your last try. If this passcode is wrong, your smartcard will be locked and you will need to get it unlocked before you can use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and unlock my card online instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passcode on the card reader&apos;s keypad, then press OK (or Enter) on the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left to enter your passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have 1 try left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have {tries} tries left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wrong passcode was entered before: you have fewer tries left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three wrong passcodes in a row lock the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{min} to {max} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} seconds left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Confirm and link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check these details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking connects these two accounts. Only confirm if both are yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NHS Care Identity (smartcard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card certificate valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked by the Link My NHS Accounts portal at {host}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UUID {digits}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The names do not match. Check both accounts belong to you before you confirm. If they do not, select Cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInMessages</name>
    <message>
        <source>Your {product} account is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account has been disabled, so it cannot be linked. Ask your Local Administrator to re-enable it. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-in attempts locked your {product} account for a while. Wait and try again, or ask your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} password has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change your {product} password, then sign in again. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needs your second step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} asks for a second step (multi-factor authentication) that was not completed. Sign in again and finish the verification step. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up multi-factor authentication first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account must register for multi-factor authentication. Sign in again and follow the set-up steps. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong authentication was required but not completed. Sign in again. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app needs approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation has not approved this app for your {product} account yet. Ask your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app needs administrator approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator must approve this app before you can sign in. Ask your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not an {product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account you signed in with does not belong to {product}. Sign in with your nhs.net address. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} has no account with that address. Check it and sign in again. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong address or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} address or password was not right. Sign in again. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to use this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your {product} account is not assigned to this app. Ask your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in blocked by your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation&apos;s access policy blocked this sign-in on this computer. Ask your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app is not set up correctly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s registration was not found in {product}. Tell your Local Administrator (the app&apos;s client id setting is wrong). (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} refused the app&apos;s sign-in return address. Tell your Local Administrator. (code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cancelled sign-in on the {product} page. Sign in to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in took too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page was not completed in time. Try again; if the browser did not open, check it is not hidden behind this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your web browser did not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this address into a web browser on this computer to sign in: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of {host} is not trusted on this computer. If your network inspects secure traffic, its certificate must be installed. Ask your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the sign-in service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to {host}. Check the network connection and any proxy settings, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your {product} account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} refused the sign-in (code {code}). Try again; if it keeps happening, contact your Local Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong during sign-in. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Start now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link your NHS Smartcard to your {product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It takes about 2 minutes. You will:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your {product} account in your web browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert your NHS Smartcard and enter its passcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the details and confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking this computer is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app is not set up correctly, so it cannot link yet: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
