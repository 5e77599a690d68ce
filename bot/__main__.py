"""`python -m bot`: Telegram when TELEGRAM_BOT_TOKEN is set, else the terminal chat; subcommands for the rest."""

from bot.frontends.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
