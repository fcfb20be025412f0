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
